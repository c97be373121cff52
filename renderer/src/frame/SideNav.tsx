/**
 * The main navigation: real buttons (Tab reaches them, Enter and Space press them), `aria-current` on the open page,
 * and Up/Down/Home/End moving between them, as in most desktop sidebars.
 */
import { useRef, type KeyboardEvent } from 'react';
import { pages } from '../pages/pages';
import { useAppStore } from '../state/app-store';

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

export function SideNav() {
  const current = useAppStore((state) => state.page);
  const navigate = useAppStore((state) => state.navigate);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    buttons.current[move(index, pages.length)]?.focus();
  };

  return (
    <nav className="side-nav" aria-label="Main">
      <ul>
        {pages.map(({ id, label, hint, Icon }, index) => (
          <li key={id}>
            <button
              type="button"
              ref={(element) => {
                buttons.current[index] = element;
              }}
              className="nav-item"
              aria-current={current === id ? 'page' : undefined}
              onClick={() => navigate(id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <Icon />
              <span className="nav-text">
                <span className="nav-label">{label}</span>
                <span className="nav-hint">{hint}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
