import { AppMark } from './icons';

export function AppHeader() {
  return (
    <header className="app-header">
      <AppMark />
      <span className="app-name">CourseCo Xero Assistant</span>
    </header>
  );
}
