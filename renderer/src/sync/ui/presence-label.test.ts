import { describe, expect, it } from 'vitest';
import { boardKey, describeBoard } from './presence-label';
import { isServerUrl } from './sync-store';

describe('board presence in words', () => {
  const incidents = [{ id: 'inc-1', title: '顧客リストの誤送信' }];
  const phase = (p: string) => `[${p}]`;
  it('names the incident and the phase board', () => {
    expect(describeBoard(boardKey('inc-1', 'containment'), incidents, phase)).toBe('顧客リストの誤送信 · [containment]');
  });
  it('falls back to what it can read', () => {
    expect(describeBoard(boardKey('unknown', 'direction'), incidents, phase)).toBe('[direction]');
    expect(describeBoard(boardKey('inc-1', 'not-a-phase'), incidents, phase)).toBe('顧客リストの誤送信 · not-a-phase');
    expect(describeBoard('plain', incidents, phase)).toBe('plain');
  });
});

describe('sync server address', () => {
  it('accepts ws:// and wss:// with a host, nothing else', () => {
    expect(isServerUrl('ws://192.168.1.20:4455')).toBe(true);
    expect(isServerUrl(' wss://sync.example.co.jp ')).toBe(true);
    expect(isServerUrl('ws://[::1]:4455')).toBe(true);
    expect(isServerUrl('http://sync.example.co.jp')).toBe(false);
    expect(isServerUrl('sync.example.co.jp:4455')).toBe(false);
    expect(isServerUrl('')).toBe(false);
  });
});
