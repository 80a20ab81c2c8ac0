/**
 * The lint rule that keeps failures from going silent: in the renderer, an error printed
 * only to the console must go to the one handler instead (errors/report.ts).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

async function lint(code: string, filePath: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: `${ROOT}${filePath}` });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('no failure printed and forgotten', () => {
  it('refuses console.error in a view or store and accepts the one handler', async () => {
    const silent = `export async function save(run: () => Promise<void>) {\n  try {\n    await run();\n  } catch (e) {\n    console.error(e);\n  }\n}\n`;
    expect(await lint(silent, 'renderer/src/faq/save.ts')).toEqual(['no-console']);
    const reported = `import { reportError } from '../errors/report';\nexport async function save(run: () => Promise<void>) {\n  try {\n    await run();\n  } catch (e) {\n    reportError(e);\n  }\n}\n`;
    expect(await lint(reported, 'renderer/src/faq/save.ts')).toEqual([]);
  }, 60_000);
});
