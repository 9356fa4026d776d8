/** What a contribution's popup says; all of it is set as text, never parsed as HTML. */
export interface PopupText {
  categoryLabel: string;
  colour: string;
  story: string | null;
  noStory: string;
  date: string;
  /** The photo's address, or `null`; its text alternative is the category label. */
  photo: string | null;
  /** A "Report" button for a story that should not be there, when the page offers it. */
  report?: { label: string; onClick: () => void } | undefined;
}

/** The popup's content as DOM nodes built with `textContent`, so a story cannot inject markup. */
export function popupContent(text: PopupText): HTMLElement {
  const root = document.createElement('div');
  root.className = 'contribution-popup';

  const category = document.createElement('p');
  category.className = 'contribution-popup__category';
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.setAttribute('aria-hidden', 'true');
  swatch.style.backgroundColor = text.colour;
  category.append(swatch, document.createTextNode(text.categoryLabel));

  const story = document.createElement('p');
  story.className = text.story ? 'contribution-popup__story' : 'contribution-popup__story is-empty';
  story.textContent = text.story ?? text.noStory;

  const date = document.createElement('p');
  date.className = 'contribution-popup__date';
  date.textContent = text.date;

  if (text.photo) {
    const photo = document.createElement('img');
    photo.className = 'contribution-popup__photo';
    photo.src = text.photo;
    photo.alt = text.categoryLabel;
    photo.decoding = 'async';
    root.append(category, photo, story, date);
  } else {
    root.append(category, story, date);
  }
  if (text.report && text.story) {
    const report = document.createElement('button');
    report.type = 'button';
    report.className = 'contribution-popup__report';
    report.dataset.testid = 'report';
    report.textContent = text.report.label;
    report.addEventListener('click', text.report.onClick);
    root.append(report);
  }
  return root;
}

/** A reference layer's feature: the layer's name (with its colour) and the feature's label, as text. */
export function referencePopupContent(text: { layerName: string; colour: string; label: string | null }) {
  const root = document.createElement('div');
  root.className = 'contribution-popup';
  const name = document.createElement('p');
  name.className = 'contribution-popup__category';
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.setAttribute('aria-hidden', 'true');
  swatch.style.backgroundColor = text.colour;
  name.append(swatch, document.createTextNode(text.layerName));
  root.append(name);
  if (text.label) {
    const label = document.createElement('p');
    label.className = 'contribution-popup__story';
    label.dir = 'auto';
    label.textContent = text.label;
    root.append(label);
  }
  return root;
}
