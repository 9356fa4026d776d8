import { describe, expect, it } from 'vitest';
import { referenceLayerIds, referenceLayerSpecs, referenceMapLayerIds } from './reference-layers.ts';

const layer = { id: '0b6d7c1e-3c52-4f55-9d39-6f7d1c0f2a11', colour: '#1a9850' };

describe('referenceLayerSpecs', () => {
  it('draws areas semi-transparent, lines dashed and points as small circles, in the layer colour', () => {
    const [fill, outline, lines, points] = referenceLayerSpecs(layer, true);
    expect(fill).toMatchObject({ type: 'fill', paint: { 'fill-color': '#1a9850' } });
    const opacity = fill?.type === 'fill' ? Number(fill.paint?.['fill-opacity']) : 1;
    expect(opacity).toBeGreaterThan(0);
    expect(opacity).toBeLessThan(0.5);
    expect(outline).toMatchObject({ type: 'line', paint: { 'line-color': '#1a9850' } });
    expect(lines).toMatchObject({
      type: 'line',
      paint: { 'line-color': '#1a9850', 'line-dasharray': [2, 1.5] },
    });
    expect(points).toMatchObject({
      type: 'circle',
      paint: { 'circle-color': '#1a9850', 'circle-radius': 4 },
    });
  });

  it('uses the layer’s own source and hides every part when hidden', () => {
    const ids = referenceLayerIds(layer.id);
    const specs = referenceLayerSpecs(layer, false);
    expect(specs.map((spec) => spec.id)).toEqual(referenceMapLayerIds([layer]));
    for (const spec of specs) {
      expect('source' in spec && spec.source).toBe(ids.source);
      expect(spec.layout).toMatchObject({ visibility: 'none' });
    }
  });

  it('filters multi-part geometries with their single type', () => {
    const [fill] = referenceLayerSpecs(layer, true);
    expect(JSON.stringify(fill && 'filter' in fill ? fill.filter : null)).toContain('MultiPolygon');
  });
});
