/**
 * A quiet list of what a page will hold once its feature is available: items are shown with a neutral state tag
 * instead of controls that would do nothing, so nothing on screen invites a click it cannot answer.
 */
export interface PreviewItem {
  title: string;
  detail: string;
}

export function PreviewList({ label, items, numbered, state }: { label: string; items: readonly PreviewItem[]; numbered: boolean; state: string }) {
  const List = numbered ? 'ol' : 'ul';
  return (
    <List className={`preview-list${numbered ? ' numbered' : ''}`} aria-label={label}>
      {items.map((item, index) => (
        <li key={item.title} className="preview-item">
          <span className="preview-marker" aria-hidden="true">
            {numbered ? index + 1 : ''}
          </span>
          <span className="preview-text">
            <span className="preview-title">{item.title}</span>
            <span className="preview-detail">{item.detail}</span>
          </span>
          <span className="tag">{state}</span>
        </li>
      ))}
    </List>
  );
}
