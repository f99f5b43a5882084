import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { isSwitcherWindow, SwitcherWindow } from './switcher-window';
import './global.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      {isSwitcherWindow() ? <SwitcherWindow /> : <App />}
    </FluentProvider>
  </StrictMode>,
);
