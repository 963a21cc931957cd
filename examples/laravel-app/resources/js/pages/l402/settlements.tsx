import AppLayout from '@/pages/layouts/app-layout';

export default function Page() {
    return <AppLayout title="Settlements" />;
}
