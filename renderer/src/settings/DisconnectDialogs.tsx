/**
 * The two ways to stop using Xero, each behind its own confirmation that says what it does in Xero.
 *
 * What Xero documents (xero-facts.md §1–2; Xero's OAuth 2.0 docs on connections and revoking tokens, quoted by Xero
 * staff in XeroAPI/xero-ruby#85; xero-node 4.10.1 release notes; Xero's identity OpenAPI spec):
 * - a connection belongs to one Xero user, one Xero app (Client ID) and one organisation; `DELETE /connections/{id}`
 *   removes it ("disconnect a tenant"), and an organisation already connected for that user and app is greyed out on
 *   the consent page, so CourseCo and the assistant, connected by the same user to the same app, share it;
 * - revoking the refresh token "removes all their connections to your app": every organisation that user connected.
 * Not documented: whether another Xero user's connection to the same app (CourseCo connected by a colleague) is
 * affected. The dialog says so rather than guess.
 */
import { useState } from 'react';
import { assistant } from '../host/assistant';
import { describeFailure, type Failure } from '../host/failure';
import { FailureNotice } from '../wizard/FailureNotice';
import { ConfirmDialog } from './ConfirmDialog';

export type StopChoice = 'disconnect' | 'forget';

export function DisconnectDialogs({ choice, organisation, expires, onClose }: {
  choice: StopChoice | undefined;
  organisation: string | undefined;
  expires: string | undefined;
  /** `done`: what happened, in one sentence, for the page to say. */
  onClose(done?: string): void;
}) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();
  const org = organisation ?? 'the organisation';

  const close = (done?: string) => {
    setFailure(undefined);
    onClose(done);
  };

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      close(await action());
    } catch (error) {
      setFailure(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };

  const disconnect = () =>
    run(async () => {
      const result = await assistant().connection.disconnect({ revoke: true });
      if (result.xeroAsked === false) {
        // Xero was never asked, so whether the connection is still listed there is not known: say so, and where to look.
        return `This computer no longer keeps a Xero sign-in. Xero could not be asked to remove the connection to ${org}, so it may still be listed there: in Xero, open Settings → Connected apps to remove it. To use Xero again, connect on the Setup page.`;
      }
      const removed = result.connectionRemoved ? `The connection to ${org} was removed in Xero` : `Xero had already removed the connection to ${org}`;
      return `${removed}${result.revoked ? ' and the sign-in was ended' : ''}. To use Xero again, connect on the Setup page.`;
    });

  const forget = () =>
    run(async () => {
      const { forgotten } = await assistant().connection.forget({});
      return forgotten
        ? 'This computer no longer keeps a Xero sign-in. Nothing changed in Xero. To use Xero again, connect on the Setup page.'
        : 'This computer kept no Xero sign-in; nothing needed forgetting.';
    });

  return (
    <>
      <ConfirmDialog
        open={choice === 'disconnect'}
        title="Disconnect from Xero?"
        confirmLabel="Disconnect from Xero"
        destructive
        busy={busy}
        onConfirm={() => void disconnect()}
        onCancel={() => close()}
      >
        <p>This does two things in Xero:</p>
        <ul className="st-list">
          <li>
            It removes this app&apos;s connection to <strong>{org}</strong>.
          </li>
          <li>It ends the assistant&apos;s sign-in. Xero then also removes every other organisation the same Xero user connected to this Xero app.</li>
        </ul>
        <p>
          <strong>CourseCo&apos;s own link to Xero.</strong> If CourseCo uses the same Xero app (the same Client ID) and the same Xero user connected it,
          it uses this very connection: CourseCo stops sending to Xero until someone connects it again in CourseCo&apos;s settings.
        </p>
        <p>
          <strong>Not certain:</strong> Xero&apos;s documentation does not say what happens to a connection another Xero user made to the same app.
          Connections belong to the user who made them, so it should stay, but check CourseCo&apos;s Xero settings afterwards.
        </p>
        <p>Nothing already in Xero changes: invoices, payments and contacts stay. To stop only this computer, choose Forget instead.</p>
        <FailureNotice failure={failure} />
      </ConfirmDialog>
      <ConfirmDialog
        open={choice === 'forget'}
        title="Forget the Xero sign-in on this computer?"
        confirmLabel="Forget on this computer"
        busy={busy}
        onConfirm={() => void forget()}
        onCancel={() => close()}
      >
        <p>This deletes the assistant&apos;s saved Xero sign-in from this computer. Xero is not asked to do anything:</p>
        <ul className="st-list">
          <li>
            the connection to <strong>{org}</strong> stays, and CourseCo&apos;s own link to Xero keeps working;
          </li>
          <li>the Xero app&apos;s Client ID and secret stay here, so connecting again takes one sign-in.</li>
        </ul>
        <p>
          The forgotten sign-in is not cancelled in Xero: unused, it ends by itself{expires ? ` on ${expires}` : ' after 60 days'}. To end it in Xero now, choose
          Disconnect instead.
        </p>
        <FailureNotice failure={failure} />
      </ConfirmDialog>
    </>
  );
}
