import { createInertiaApp } from '@inertiajs/react';
import { createRoot } from 'react-dom/client';

// Pages are React components, except a few settings screens still rendered by a Vue island.
const pages = import.meta.glob('./pages/**/*.{tsx,vue}');

createInertiaApp({
    resolve: (name) => (pages[`./pages/${name}.tsx`] ?? pages[`./pages/${name}.vue`])(),
    setup({ el, App, props }) {
        createRoot(el).render(<App {...props} />);
    },
});
