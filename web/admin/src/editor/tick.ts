import type { Editor } from '@tiptap/core';
import { useCallback, useSyncExternalStore } from 'react';

/**
 * Re-renders the calling component after each editor transaction (selection moves included),
 * so the toolbar's pressed buttons and the image and table panels follow the cursor without
 * the whole editor screen re-rendering on every key.
 */
export function useEditorTick(editor: Editor): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      editor.on('transaction', onChange);
      return () => {
        editor.off('transaction', onChange);
      };
    },
    [editor],
  );
  // The state's own object changes with every transaction: a cheap, exact snapshot.
  useSyncExternalStore(subscribe, () => editor.state);
  return 0;
}
