export { NodesView } from './NodesView';
