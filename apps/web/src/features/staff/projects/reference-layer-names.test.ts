import { describe, expect, it } from 'vitest';
import { layerNameFromFile, namesToSave } from './reference-layer-names.ts';

describe('layerNameFromFile', () => {
  it('drops the extension and underscores', () => {
    expect(layerNameFromFile('planlagte_skoleveier.geojson')).toBe('planlagte skoleveier');
    expect(layerNameFromFile('Byggeområder 2025.GPKG')).toBe('Byggeområder 2025');
    expect(layerNameFromFile('turstier.kml')).toBe('turstier');
    expect(layerNameFromFile('data.json')).toBe('data');
  });
});

describe('namesToSave', () => {
  it('keeps the project languages with a name, trimmed', () => {
    expect(
      namesToSave({ nb: ' Skolevei ', nn: '', en: 'School route', de: 'Schulweg' }, ['nb', 'nn', 'en']),
    ).toEqual({
      nb: 'Skolevei',
      en: 'School route',
    });
  });

  it('refuses a layer without any name', () => {
    expect(namesToSave({ nb: '  ' }, ['nb'])).toBeNull();
  });
});
