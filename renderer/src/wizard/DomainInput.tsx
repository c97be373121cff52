/** The CourseCo domain field, as the start screen and step 1 both ask for it: one placeholder, no autofill or spelling marks. */
export function DomainInput({ id, value, onChange, describedBy, invalid }: { id: string; value: string; onChange: (value: string) => void; describedBy: string; invalid?: boolean }) {
  return (
    <input
      id={id}
      className="field wz-input"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder="yourcentre.courseco.co"
      autoComplete="off"
      spellCheck={false}
      aria-describedby={describedBy}
      aria-invalid={invalid ? true : undefined}
    />
  );
}
