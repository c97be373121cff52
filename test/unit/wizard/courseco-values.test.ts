/** The Client Secret's hint says where the assistant keeps its copy, as the services know it: keychain or memory. */
import { describe, expect, it } from 'vitest';
import type { WizardState } from '../../../contract/features/wizard';
import { courseCoValues } from '../../../main/wizard/courseco-values';

const secretHint = (keychain: WizardState['facts']['keychain']) =>
  courseCoValues({ credentialsStored: true, connected: false, ...(keychain ? { keychain } : {}) } as WizardState['facts'], 'ABC').values.find((v) => v.id === 'clientSecret')!.hint;

describe('values for CourseCo', () => {
  it('the secret is in the keychain for an own profile, in the app’s memory for sample data', () => {
    expect(secretHint({ available: true, detail: 'Secret Service', persistent: true })).toContain('keeps its copy in your system keychain');
    const sample = secretHint({ available: true, detail: "this app's memory (sample data's practice sign-in, until the app closes)", persistent: false });
    expect(sample).toContain("keeps its copy in this app's memory");
    expect(sample).not.toContain('keychain');
  });
});
