/** Small shared parts of the management screens (sections, tags, authors, users). */
import { useCallback, useState } from 'react';

/** Runs one change at a time, says what happened, and reports the server's reason on failure. */
export function useAction(reload: () => Promise<void> | void) {
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
      setBusy(true);
      setError('');
      setNotice('');
      try {
        await work();
        setNotice(done);
        return true;
      } catch (err) {
        setError((err as Error).message);
        return false;
      } finally {
        setBusy(false);
        await reload();
      }
    },
    [reload],
  );
  return { error, notice, busy, run, setError };
}

export function Notices({ error, notice }: { error: string; notice: string }) {
  return (
    <>
      <div role="alert">{error && <p className="error">{error}</p>}</div>
      <div role="status" aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
      </div>
    </>
  );
}

/** What a signed-in user sees at an address their role may not use. */
export function NotAllowed({ what }: { what: string }) {
  return (
    <main className="narrow">
      <h1>Not available</h1>
      <p>Your role does not manage {what}. Ask an editor or an admin.</p>
    </main>
  );
}
