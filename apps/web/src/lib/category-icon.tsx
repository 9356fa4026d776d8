import { type CategoryIconName, isCategoryIconName } from '@nabolag/schema/plain';
// One module per icon (lucide-react's `icons/*`), so that only these reach the bundle: about
// 0.3 KiB gzip each, ~6 KiB for the set, in the chunks that show categories.
import Anchor from 'lucide-react/icons/anchor';
import Baby from 'lucide-react/icons/baby';
import Bike from 'lucide-react/icons/bike';
import Bus from 'lucide-react/icons/bus';
import Camera from 'lucide-react/icons/camera';
import Clock from 'lucide-react/icons/clock';
import Coffee from 'lucide-react/icons/coffee';
import Footprints from 'lucide-react/icons/footprints';
import Gem from 'lucide-react/icons/gem';
import HeartHandshake from 'lucide-react/icons/heart-handshake';
import House from 'lucide-react/icons/house';
import Landmark from 'lucide-react/icons/landmark';
import MapPin from 'lucide-react/icons/map-pin';
import Music from 'lucide-react/icons/music';
import School from 'lucide-react/icons/school';
import ShoppingBag from 'lucide-react/icons/shopping-bag';
import Star from 'lucide-react/icons/star';
import Sun from 'lucide-react/icons/sun';
import ThumbsDown from 'lucide-react/icons/thumbs-down';
import Trees from 'lucide-react/icons/trees';
import Users from 'lucide-react/icons/users';
import Waves from 'lucide-react/icons/waves';
import { contrastRatio } from './contrast.ts';
import './category-icon.css';

type IconComponent = typeof Users;

/** Every name of `CATEGORY_ICON_NAMES` with its component; the type checker keeps the two in step. */
export const CATEGORY_ICONS: Record<CategoryIconName, IconComponent> = {
  users: Users,
  landmark: Landmark,
  camera: Camera,
  'heart-handshake': HeartHandshake,
  gem: Gem,
  'thumbs-down': ThumbsDown,
  clock: Clock,
  anchor: Anchor,
  'map-pin': MapPin,
  coffee: Coffee,
  trees: Trees,
  house: House,
  school: School,
  bike: Bike,
  footprints: Footprints,
  bus: Bus,
  waves: Waves,
  music: Music,
  'shopping-bag': ShoppingBag,
  baby: Baby,
  star: Star,
  sun: Sun,
};

interface CategoryIconProps {
  /** The category's `icon`: a name of the set, an emoji of older data, or nothing. */
  icon: string | undefined;
  /** The category's colour: the icon's disc (or, without an icon, the swatch). */
  colour: string;
  /** `small` for legends and lists (1.25 rem), `large` for the category picker (2.25 rem). */
  size?: 'small' | 'large';
}

/**
 * A category's symbol: its icon in white on a disc of its colour, an emoji (older projects) on
 * the same disc, or a plain colour swatch when it has none. Always decorative (`aria-hidden`):
 * the category's label beside it says what it is.
 */
export function CategoryIcon({ icon, colour, size = 'small' }: CategoryIconProps) {
  const className = `category-icon category-icon--${size}`;
  if (isCategoryIconName(icon)) {
    const Icon = CATEGORY_ICONS[icon];
    // White on dark colours, near-black on light ones (the demo's amber and cyan), whichever
    // stands out more: a graphic needs 3:1 (WCAG 1.4.11).
    const ink = contrastRatio(colour, '#ffffff') >= contrastRatio(colour, '#1b1f23') ? '#ffffff' : '#1b1f23';
    return (
      <span className={className} style={{ backgroundColor: colour, color: ink }} aria-hidden="true">
        <Icon className="category-icon__svg" focusable="false" strokeWidth={2.25} />
      </span>
    );
  }
  if (icon) {
    return (
      <span className={`${className} category-icon--text`} style={{ borderColor: colour }} aria-hidden="true">
        {icon}
      </span>
    );
  }
  return (
    <span
      className={`${className} category-icon--plain`}
      style={{ backgroundColor: colour }}
      aria-hidden="true"
    />
  );
}
