/** Every page opens with the same heading block, so `main` is labelled by it and pages line up exactly. */
export const PAGE_TITLE_ID = 'page-title';

export function PageHeading({ title, lead }: { title: string; lead: string }) {
  return (
    <header className="page-heading">
      <h1 id={PAGE_TITLE_ID}>{title}</h1>
      <p className="lead">{lead}</p>
    </header>
  );
}
