import { MAX_REFERENCE_FEATURES, type ReferenceLayer, type ReferenceLayerUploadQuery } from '@nabolag/schema';
import type pg from 'pg';
import { withTransaction } from '../../db/queryable.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { parseReferenceFile } from './reference-file-parsers.ts';
import {
  findReferenceLayer,
  firstGeometryProblem,
  insertReferenceFeatures,
  insertReferenceLayer,
  sridKnown,
} from './reference-layers.repository.ts';

/** Features checked and stored per query. */
const BATCH = 1000;

const invalid = (reason: string) => new AppError('INVALID_REFERENCE_LAYER', reason);

/**
 * Imports an uploaded file as a project's reference layer: parses it (GeoJSON, KML or
 * GeoPackage), checks every geometry in PostGIS, and stores it reprojected to EPSG:4326 in one
 * transaction — a file with any problem is refused whole with the reason, and nothing is stored.
 */
export async function importReferenceLayer(
  pool: pg.Pool,
  options: { projectId: string; userId: string; bytes: Buffer; query: ReferenceLayerUploadQuery },
): Promise<{ layer: ReferenceLayer; notes: string[] }> {
  const parsed = await parseReferenceFile(options.bytes);
  if (!parsed.ok) throw invalid(parsed.reason);
  if (parsed.features.length === 0) throw invalid('The file has no features with a geometry.');
  if (parsed.features.length > MAX_REFERENCE_FEATURES) {
    throw invalid(`The file has more than ${MAX_REFERENCE_FEATURES} features; split it or simplify it.`);
  }
  if (!(await sridKnown(pool, parsed.srid))) {
    throw invalid(
      `The file's coordinate system EPSG:${parsed.srid} is unknown here; save it in EPSG:4326 or 25832/25833.`,
    );
  }
  for (let offset = 0; offset < parsed.features.length; offset += BATCH) {
    let problem: string | undefined;
    try {
      problem = await firstGeometryProblem(
        pool,
        parsed.features.slice(offset, offset + BATCH),
        parsed.srid,
        offset,
      );
    } catch (error) {
      throw invalid(`A geometry cannot be read: ${(error as Error).message}.`);
    }
    if (problem) throw invalid(problem);
  }
  const id = await withTransaction(pool, async (client) => {
    const layerId = await insertReferenceLayer(client, {
      projectId: options.projectId,
      names: { [options.query.lang]: options.query.name },
      colour: options.query.colour,
      format: parsed.format,
      sourceName: options.query.filename ?? null,
      userId: options.userId,
    });
    for (let offset = 0; offset < parsed.features.length; offset += BATCH) {
      await insertReferenceFeatures(
        client,
        layerId,
        parsed.features.slice(offset, offset + BATCH),
        parsed.srid,
        offset,
      );
    }
    await recordAudit(client, {
      userId: options.userId,
      action: 'reference-layer.create',
      targetType: 'reference-layer',
      targetId: layerId,
      projectId: options.projectId,
      details: { name: options.query.name, format: parsed.format, features: parsed.features.length },
    });
    return layerId;
  });
  const layer = await findReferenceLayer(pool, id);
  if (!layer) throw new Error('the reference layer just stored is gone');
  const { projectId: _projectId, ...rest } = layer;
  return { layer: rest, notes: parsed.notes };
}
