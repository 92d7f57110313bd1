import './ui.css';

export * from './components';
export * from './icons';
export * from './formatting';
export * from './calls';
export * from './panel-root';
export * from './mount-panel';
export * from './live-events';
export * from './queries';
export * from './drafts';
