import type { Strength } from '../../../shared/vault/strength';
import { useT } from '../i18n/i18n';

export function StrengthMeter({ strength, id }: { strength: Strength; id: string }) {
  const t = useT();
  const level = t.dict.strength.levels[strength.score] ?? '';
  return (
    <div className="strength" id={id}>
      <meter
        min={0}
        max={4}
        low={1.5}
        high={2.5}
        optimum={4}
        value={strength.score}
        aria-label={t('strength.label')}
        aria-valuetext={level}
      />
      <span className={`strength-level s${strength.score}`}>{level}</span>
      {strength.hints.length > 0 && (
        <ul className="hints">
          {strength.hints.map((h) => (
            <li key={h}>{t.dict.strength.hints[h]}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
