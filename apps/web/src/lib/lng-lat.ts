/** A position as `[longitude, latitude]` in degrees (WGS 84), GeoJSON's order. */
export type LngLat = [longitude: number, latitude: number];
