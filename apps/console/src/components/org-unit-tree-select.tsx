import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { OrgUnit } from '../api/types';
import { LEVEL_LABELS } from '../labels';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const toNode = (u: OrgUnit): Node => ({
  id: u.id,
  pId: u.parentId,
  value: u.id,
  title: `${u.name}（${LEVEL_LABELS[u.level] ?? u.level}）`,
  isLeaf: u.level === 'enterprise',
});

/**
 * Picks an org unit from the network tree, loading children as branches open. The tree starts
 * at `rootId` (the user's own unit) or, for a deployment-wide admin, at the districts.
 */
export function OrgUnitTreeSelect({
  rootId,
  value,
  onChange,
  placeholder = '选择单位',
  testId,
}: {
  rootId: string | null;
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  testId?: string;
}) {
  const [nodes, setNodes] = useState<Node[]>([]);

  useEffect(() => {
    let live = true;
    const roots = rootId
      ? api.orgUnit(rootId).then((u) => [u])
      : api.orgUnits({ level: 'district' }).then((p) => p.items);
    void roots
      .then((units) => live && setNodes(units.map(toNode)))
      .catch(() => live && setNodes([]));
    return () => {
      live = false;
    };
  }, [rootId]);

  const loadData = async (node: { id?: string; value?: unknown }) => {
    const parentId = String(node.value ?? node.id);
    if (nodes.some((n) => n.pId === parentId)) return;
    const page = await api.orgUnits({ parentId, active: true });
    setNodes((current) => [
      ...current,
      ...page.items.filter((u) => !current.some((n) => n.id === u.id)).map(toNode),
    ]);
  };

  return (
    <TreeSelect
      treeDataSimpleMode
      treeData={nodes}
      loadData={loadData}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      showSearch
      treeNodeFilterProp="title"
      style={{ width: '100%' }}
      data-testid={testId}
      popupMatchSelectWidth={false}
    />
  );
}
