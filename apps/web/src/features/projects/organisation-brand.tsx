import type { OrganisationBrand as Brand } from '@nabolag/schema';
import type { CSSProperties } from 'react';
import { headerAccent } from '../../lib/contrast.ts';

/**
 * The organisation (municipality) that runs a project, at the top of its resident pages: its
 * logo (alt text = its name) and name. Its primary colour becomes the accent only where white
 * text on it is readable (at least 4.5:1); otherwise the default theme stays.
 */
export function OrganisationBrand({
  brand,
  compact = false,
}: {
  brand: Pick<Brand, 'name' | 'logoUrl' | 'primaryColour'>;
  /** On the map page's panel: a smaller logo. */
  compact?: boolean;
}) {
  const accent = headerAccent(brand.primaryColour);
  const classes = ['organisation-brand'];
  if (compact) classes.push('organisation-brand--compact');
  if (accent) classes.push('organisation-brand--accent');
  const style = accent ? ({ '--organisation-accent': accent } as CSSProperties) : undefined;
  return (
    <div className={classes.join(' ')} style={style} data-testid="organisation-brand">
      {brand.logoUrl && <img className="organisation-brand__logo" src={brand.logoUrl} alt={brand.name} />}
      <span className="organisation-brand__name" dir="auto">
        {brand.name}
      </span>
    </div>
  );
}
