import type { AnalysisStats } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { ageBandRows, categoryRows, chartSummary, dayRows, relationRows, sessionRows } from './chart-data.ts';

const row = (key: string, contributions: number, participants = contributions) => ({
  key,
  contributions,
  participants,
});
const stats: AnalysisStats = {
  total: { contributions: 9, participants: 6 },
  byCategory: [row('least-liked', 5), row('gone', 1), row('meeting-places', 3)],
  byDay: [row('2025-06-02', 4), row('2025-06-01', 5)],
  byRelation: [row('unknown', 2), row('visitor', 3), row('lives', 4)],
  byAgeBand: [row('67-79', 1), row('unknown', 3), row('13-17', 5)],
  bySession: [row('online', 6), row('ABC234', 1), row('XYZ789', 2)],
  topPlaces: [],
};
const upper = (key: string) => key.toUpperCase();

describe('chart rows', () => {
  it('puts categories in the project order with their colours, empty ones as zero, unknown ones last', () => {
    const rows = categoryRows(
      stats,
      [
        { key: 'meeting-places', colour: '#111111' },
        { key: 'community', colour: '#222222' },
        { key: 'least-liked', colour: '#333333' },
      ],
      upper,
    );
    expect(rows.map((entry) => [entry.key, entry.contributions, entry.colour])).toEqual([
      ['meeting-places', 3, '#111111'],
      ['community', 0, '#222222'],
      ['least-liked', 5, '#333333'],
      ['gone', 1, '#8a94a3'],
    ]);
    expect(rows[0]?.label).toBe('MEETING-PLACES');
  });

  it('orders relations and age bands as the questionnaire does, not answered last', () => {
    expect(relationRows(stats, upper).map((entry) => entry.key)).toEqual(['lives', 'visitor', 'unknown']);
    expect(ageBandRows(stats, upper).map((entry) => entry.key)).toEqual(['13-17', '67-79', 'unknown']);
  });

  it('lists workshops busiest first and online last', () => {
    expect(sessionRows(stats, upper).map((entry) => entry.key)).toEqual(['XYZ789', 'ABC234', 'online']);
  });

  it('orders days and makes dates of them', () => {
    const rows = dayRows(stats);
    expect(rows.map((entry) => entry.key)).toEqual(['2025-06-01', '2025-06-02']);
    expect(rows[0]?.date.getDate()).toBe(1);
  });

  it('summarises a chart in words', () => {
    expect(chartSummary(relationRows(stats, upper), String)).toBe('LIVES 4, VISITOR 3, UNKNOWN 2');
  });
});
