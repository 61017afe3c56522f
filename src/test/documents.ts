/** A story body of plain paragraphs, the shape the editor saves (shared by the test helpers). */
export function paragraphs(...texts: string[]) {
  return {
    type: 'doc',
    content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  };
}
