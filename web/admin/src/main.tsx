import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { App } from './app.js';
import { newQueryClient } from './api/query.js';
import { applyLocale } from './i18n/index.js';

applyLocale();
const queries = newQueryClient();
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <QueryClientProvider client={queries}>
      <App />
    </QueryClientProvider>,
  );
