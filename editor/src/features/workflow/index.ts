export { WorkflowBar } from './components/workflow-bar';
export { HistoryTab } from './components/history-tab';
