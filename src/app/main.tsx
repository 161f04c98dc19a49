import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PanelBoundary } from './PanelBoundary';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <PanelBoundary name="DynamoScope" isPage>
      <App />
    </PanelBoundary>
  </StrictMode>,
);
