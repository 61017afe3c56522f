/**
 * Runs a hook inside a real React root over the given query client, for tests in happy-dom
 * (`// @vitest-environment happy-dom` at the top of the test file). `result.current` is the
 * hook's latest return; `act` settles React's work after a change.
 */
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Calls the hook on every render and keeps what it returned. */
function Probe<T>({ hook, result }: { hook: () => T; result: { current: T } }) {
  result.current = hook();
  return null;
}

export async function renderHook<T>(
  hook: () => T,
  client: QueryClient,
): Promise<{ result: { current: T }; unmount: () => void }> {
  const result = { current: undefined as T };
  const root = createRoot(document.createElement('div'));
  await act(async () => {
    root.render(
      <QueryClientProvider client={client}>
        <Probe hook={hook} result={result} />
      </QueryClientProvider>,
    );
  });
  return { result, unmount: () => act(() => root.unmount()) };
}

export { act };
