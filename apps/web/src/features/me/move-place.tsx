import type { Project } from '@nabolag/schema';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LngLat } from '../../lib/lng-lat.ts';
import { ProjectMap, type ProjectMapHandle } from '../../map/project-map.tsx';

/** No other places on this map: it is about the one being moved (a constant, so it is drawn once). */
const NO_CONTRIBUTIONS = [] as const;

interface MovePlaceProps {
  project: Project;
  /** Where the place is now: `[longitude, latitude]` in degrees. */
  position: LngLat;
  colour: string;
  saving: boolean;
  onSave: (position: LngLat) => void;
  onCancel: () => void;
}

/**
 * A small map for moving one point: tap or drag the marker, or move the map until the cross is
 * over the new place and press "Move it to the cross" (the way without a pointer: the arrow
 * keys move the map once it has focus).
 */
export function MovePlace({ project, position, colour, saving, onSave, onCancel }: MovePlaceProps) {
  const { t } = useTranslation();
  const map = useRef<ProjectMapHandle>(null);
  const [next, setNext] = useState<LngLat>(position);
  const moved = next[0] !== position[0] || next[1] !== position[1];

  return (
    <div className="move-place" data-testid="move-place">
      <p className="field__hint">{t('me.moveInstructions')}</p>
      <div className="move-place__map">
        <ProjectMap
          ref={map}
          project={project}
          contributions={NO_CONTRIBUTIONS}
          placing={!saving}
          draftPosition={next}
          draftColour={colour}
          onPlace={setNext}
        />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid="move-to-centre"
          disabled={saving}
          onClick={() => {
            const centre = map.current?.centre();
            if (centre) setNext(centre);
          }}
        >
          {t('me.moveToCentre')}
        </button>
        <button
          type="button"
          className="button button--quiet for-keyboards"
          onClick={() => map.current?.focus()}
        >
          {t('contribute.moveMapWithKeyboard')}
        </button>
      </div>
      <p className="place-state" aria-live="polite">
        {moved ? t('me.movedNotSaved') : t('me.notMoved')}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          data-testid="move-save"
          aria-disabled={saving || !moved}
          onClick={() => {
            if (!saving && moved) onSave(next);
          }}
        >
          {saving ? t('me.saving') : t('me.saveMove')}
        </button>
        <button type="button" className="button" disabled={saving} onClick={onCancel}>
          {t('me.cancel')}
        </button>
      </div>
    </div>
  );
}
