import { buildNetworkGraph } from './networkGraph';
import { ResourceGraphView, type ResourceViewProps } from './ResourceGraphView';
import { EntryNodeBox } from './ResourceNodeBox';

/** The network view: URLs and load balancers → Ingresses → Services → the Pods they select. */
export function NetworkView(view: ResourceViewProps) {
  return (
    <ResourceGraphView
      {...view}
      build={buildNetworkGraph}
      label="Network"
      empty={view.items.length === 0 ? 'No resources yet.' : 'No Ingress or Service matches the filters.'}
      renderOther={(node, box) => <EntryNodeBox label={node.label} href={node.href} box={box} />}
    />
  );
}
