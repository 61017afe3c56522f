import { useState } from 'react';
import { messageOf } from '../api/query.js';
import {
  flattenSections,
  type Section,
  sectionLabel,
  useAddSection,
  useDeleteSection,
  useEditSection,
  useReorderSections,
  useSectionTree,
} from '../api/sections.js';
import { NamedForm, Notices, useAction } from '../components/manage.js';
import './sections.css';
import { t } from '../i18n/index.js';

/** The section tree: add, rename, move under another parent, reorder among siblings. */
export function Sections() {
  const query = useSectionTree({ fresh: true });
  const tree = query.data ?? null;
  const loadError = messageOf(query.error);
  const add = useAddSection();
  const action = useAction();
  const all = flattenSections(tree ?? []);

  return (
    <main className="manage">
      <h1>{t('nav.sections')}</h1>
      <p className="hint">{t('sections.hint')}</p>
      <Notices error={action.error || loadError} notice={action.notice} />
      <SectionForm
        title={t('sections.add.title')}
        submit={t('sections.add')}
        all={all}
        busy={action.busy}
        onSave={(v) => {
          // A new section goes last among its siblings.
          const siblings = (v.parentId === null ? tree : findChildren(tree, v.parentId)) ?? [];
          const position =
            Math.max(-1, ...siblings.map((s) => (s as { position?: number }).position ?? 0)) + 1;
          return action.run(() => add.mutateAsync({ ...v, position }), t('manage.added', { name: v.name }));
        }}
      />
      {tree && <SectionTree nodes={tree} parentId={null} all={all} busy={action.busy} run={action.run} />}
    </main>
  );
}

function findChildren(nodes: Section[] | null, id: number): Section[] | undefined {
  for (const n of nodes ?? []) {
    if (n.id === id) return n.children;
    const below = findChildren(n.children, id);
    if (below) return below;
  }
  return undefined;
}

interface Values {
  name: string;
  slug: string;
  parentId: number | null;
}

type Run = (work: () => Promise<unknown>, done: string) => Promise<boolean>;

function SectionTree({
  nodes,
  parentId,
  all,
  busy,
  run,
}: {
  nodes: Section[];
  parentId: number | null;
  all: ReturnType<typeof flattenSections>;
  busy: boolean;
  run: Run;
}) {
  const [editing, setEditing] = useState<number | null>(null);
  const reorderSections = useReorderSections();
  const edit = useEditSection();
  const remove = useDeleteSection();
  const reorder = (from: number, to: number) => {
    const ids = nodes.map((n) => n.id);
    const [moved] = ids.splice(from, 1);
    if (moved === undefined) return;
    ids.splice(to, 0, moved);
    void run(
      () => reorderSections.mutateAsync({ parentId, ids }),
      t('sections.moved', { name: nodes[from]?.name ?? '' }),
    );
  };
  return (
    <ol className={parentId === null ? 'tree' : 'tree sub'}>
      {nodes.map((n, i) => (
        <li key={n.id}>
          <div className="tree-row">
            <span className="tree-name">{n.name}</span>
            <code>/{n.path}</code>
            <span className="row-actions">
              <button
                type="button"
                aria-label={t('sections.up', { name: n.name })}
                disabled={busy || i === 0}
                onClick={() => reorder(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('sections.down', { name: n.name })}
                disabled={busy || i === nodes.length - 1}
                onClick={() => reorder(i, i + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={t('manage.edit.label', { name: n.name })}
                onClick={() => setEditing(editing === n.id ? null : n.id)}
              >
                {t('manage.edit')}
              </button>
              <button
                type="button"
                aria-label={t('manage.delete.label', { name: n.name })}
                disabled={busy}
                onClick={() => {
                  if (window.confirm(t('sections.delete.confirm', { name: n.name })))
                    void run(() => remove.mutateAsync(n.id), t('manage.deleted', { name: n.name }));
                }}
              >
                {t('manage.delete')}
              </button>
            </span>
          </div>
          {editing === n.id && (
            <SectionForm
              title={t('manage.edit.label', { name: n.name })}
              submit={t('manage.save')}
              initial={{ name: n.name, slug: n.slug, parentId: n.parentId }}
              all={all.filter((s) => s.id !== n.id && !s.path.startsWith(`${n.path}/`))}
              busy={busy}
              onCancel={() => setEditing(null)}
              onSave={async (v) => {
                const ok = await run(
                  () => edit.mutateAsync({ id: n.id, values: v }),
                  t('manage.saved', { name: v.name }),
                );
                if (ok) setEditing(null);
                return ok;
              }}
            />
          )}
          {n.children.length > 0 && (
            <SectionTree nodes={n.children} parentId={n.id} all={all} busy={busy} run={run} />
          )}
        </li>
      ))}
    </ol>
  );
}

function SectionForm({
  title,
  submit,
  initial,
  all,
  busy,
  onSave,
  onCancel,
}: {
  title: string;
  submit: string;
  initial?: Values;
  all: ReturnType<typeof flattenSections>;
  busy: boolean;
  onSave: (v: Values) => Promise<boolean>;
  onCancel?: () => void;
}) {
  return (
    <NamedForm<Values>
      title={title}
      submit={submit}
      initial={initial}
      blank={{ name: '', slug: '', parentId: null }}
      busy={busy}
      onSave={onSave}
      onCancel={onCancel}
      fields={(v, change) => (
        <label>
          {t('sections.parent')}
          <select
            value={v.parentId ?? ''}
            onChange={(e) => change({ parentId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">{t('sections.topLevel')}</option>
            {all.map((s) => (
              <option key={s.id} value={s.id}>
                {sectionLabel(s)}
              </option>
            ))}
          </select>
        </label>
      )}
    />
  );
}
