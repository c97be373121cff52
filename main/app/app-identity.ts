export const APP_NAME = 'CourseCo Xero Assistant';
export const APP_VERSION = '0.1.0';
/** Origin of the renderer inside Electron; the web host uses its own loopback origin instead. */
export const ELECTRON_APP_ORIGIN = 'app://assistant';
