import type { Map as MapLibreMap } from 'maplibre-gl';

// maplibre-gl does not re-export its style-spec types; derive them from its API rather than
// depend on @maplibre/maplibre-gl-style-spec at a version that could drift from the one it uses.

/** A complete MapLibre style document. */
export type StyleSpecification = Exclude<Parameters<MapLibreMap['setStyle']>[0], string | null>;
export type LayerSpecification = StyleSpecification['layers'][number];
export type SourceSpecification = StyleSpecification['sources'][string];
type CircleLayerSpecification = Extract<LayerSpecification, { type: 'circle' }>;
/** A colour, or an expression that gives one per feature. */
export type ColourValue = NonNullable<NonNullable<CircleLayerSpecification['paint']>['circle-color']>;
