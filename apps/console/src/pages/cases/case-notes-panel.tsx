import { List, Typography } from 'antd';
import { api } from '../../api/endpoints';
import { AsyncView } from '../../components/async-view';
import { formatTime } from '../../format';
import { useRequest } from '../../hooks/use-request';
import { AddNoteForm } from './add-note-form';

/** The case's internal notes, newest first, with a form to add one for those who may. */
export function CaseNotesPanel({
  caseId,
  canAdd,
  onChange,
}: {
  caseId: string;
  canAdd: boolean;
  onChange: () => void;
}) {
  const notes = useRequest(() => api.notes(caseId), [caseId]);
  return (
    <>
      {canAdd && (
        <AddNoteForm
          onSubmit={async (body) => {
            await api.addNote(caseId, body);
            notes.reload();
            // The timeline records that a note was added.
            onChange();
          }}
        />
      )}
      <AsyncView {...notes} isEmpty={(d) => d.items.length === 0} emptyText="暂无内部备注">
        {(d) => (
          <List
            // The API lists them oldest first; the latest matters most while working the case.
            dataSource={[...d.items].reverse()}
            renderItem={(n) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Typography.Text type="secondary">
                      {n.authorName ?? '—'} · {formatTime(n.createdAt)}
                    </Typography.Text>
                  }
                  description={
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {n.body}
                    </Typography.Paragraph>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </AsyncView>
    </>
  );
}
