import { describe, expect, it } from 'vitest';
import { METI_POINTS, preventionPointsFor } from './closing';

describe('recurrence-prevention points by scenario', () => {
  it('an external attack weighs technical points and contractors, not the insider points of METI', () => {
    const { set, points } = preventionPointsFor('unauthorised-access');
    expect(set).toBe('external');
    expect(points).toEqual(['vulnerability', 'authentication', 'monitoring', 'contractor', 'minimise']);
    expect(points).not.toContain('morale');
  });

  it('an insider leak weighs METI\'s five points; so does a scenario the app does not know', () => {
    expect(preventionPointsFor('insider').points).toEqual([...METI_POINTS]);
    expect(preventionPointsFor('my-own-template').set).toBe('meti');
  });

  it('a lost laptop and a misdirected e-mail get their own points', () => {
    expect(preventionPointsFor('lost-device').points).toContain('deviceEncryption');
    expect(preventionPointsFor('misdirected-email').points).toContain('sendingChecks');
  });

  it('a point filled in outside the scenario is still shown', () => {
    const saved = { morale: { measures: '面談を増やす', owner: '', dueAt: null }, detect: { measures: ' ', owner: '', dueAt: null } };
    expect(preventionPointsFor('unauthorised-access', saved).extra).toEqual(['morale']);
  });
});
