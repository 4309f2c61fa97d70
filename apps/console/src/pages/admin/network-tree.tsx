import { Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { OrgUnit } from '../../api/types';
import { LEVEL_LABELS } from '../../labels';

const toNode = (u: OrgUnit): DataNode => ({
  key: u.id,
  title: `${u.name}（${LEVEL_LABELS[u.level] ?? u.level}）${u.active ? '' : ' · 已停用'}`,
  isLeaf: u.level === 'enterprise',
});

function attach(nodes: DataNode[], key: React.Key, children: DataNode[]): DataNode[] {
  return nodes.map((n) =>
    n.key === key
      ? { ...n, children }
      : n.children
        ? { ...n, children: attach(n.children, key, children) }
        : n,
  );
}

/** The network as a tree, children loaded when a branch opens. */
export function NetworkTree({
  version,
  onSelect,
}: {
  version: number;
  onSelect: (id: string | undefined) => void;
}) {
  const [tree, setTree] = useState<DataNode[]>([]);
  useEffect(() => {
    void api
      .orgUnits({ level: 'district' })
      .then((p) => setTree(p.items.map(toNode)))
      .catch(() => setTree([]));
  }, [version]);
  return (
    <Tree
      treeData={tree}
      loadData={async (node) => {
        if (node.children) return;
        const page = await api.orgUnits({ parentId: String(node.key) });
        setTree((t) => attach(t, node.key, page.items.map(toNode)));
      }}
      onSelect={(keys) => onSelect(keys[0] ? String(keys[0]) : undefined)}
      style={{ minHeight: 200 }}
    />
  );
}
