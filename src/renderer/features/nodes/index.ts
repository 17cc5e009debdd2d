export { NodesView } from './NodesView';
export { useNodeCommands } from './commands';
