import type { RouteObject } from 'react-router';
import { AccountPage } from '../features/account/account-page.tsx';
import { SessionsPage } from '../features/account/sessions-page.tsx';
import { AuditPage } from '../features/admin/audit-page.tsx';
import { InvitationsPage } from '../features/admin/invitations-page.tsx';
import { OutboxPage } from '../features/admin/outbox-page.tsx';
import { UserDetailPage } from '../features/admin/user-detail-page.tsx';
import { UsersPage } from '../features/admin/users-page.tsx';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page.tsx';
import { InvitePage } from '../features/auth/invite-page.tsx';
import { MfaChallengePage } from '../features/auth/mfa-challenge-page.tsx';
import { MfaSetupPage } from '../features/auth/mfa-setup-page.tsx';
import { ResetPasswordPage } from '../features/auth/reset-password-page.tsx';
import { SetupPage } from '../features/auth/setup-page.tsx';
import { SignInPage } from '../features/auth/sign-in-page.tsx';
import { SignUpPage } from '../features/auth/sign-up-page.tsx';
import { BreachDetailPage } from '../features/breach/breach-detail-page.tsx';
import { BreachListPage } from '../features/breach/breach-list-page.tsx';
import { MyPrivacyPage } from '../features/privacy/my-privacy-page.tsx';
import { PrivacyQueuePage } from '../features/privacy/privacy-queue-page.tsx';
import { PrivacyRequestPage } from '../features/privacy/privacy-request-page.tsx';
import { WorkingDaysPage } from '../features/privacy/working-days-page.tsx';
import { ConsentSignPage } from '../features/consent/consent-sign-page.tsx';
import { MyConsentsPage } from '../features/consent/my-consents-page.tsx';
import { PolicyDocumentsPage } from '../features/consent/policy-documents-page.tsx';
import {
  CounselorDisclosuresPage,
  DisclosuresAdminPage,
} from '../features/breach/disclosures-page.tsx';
import { AdminCounselorPage } from '../features/counselors/admin-counselor-page.tsx';
import { AdminCounselorsPage } from '../features/counselors/admin-counselors-page.tsx';
import { AdminSettingsPage } from '../features/counselors/admin-settings-page.tsx';
import { AdminShortfallPage } from '../features/counselors/admin-shortfall-page.tsx';
import { AdminVocabulariesPage } from '../features/counselors/admin-vocabularies-page.tsx';
import { DevelopmentPage } from '../features/counselors/development-page.tsx';
import { DirectoryDetailPage } from '../features/counselors/directory-detail-page.tsx';
import { DirectoryPage } from '../features/counselors/directory-page.tsx';
import { CounselorProfilePage } from '../features/counselors/profile-page.tsx';
import { QualificationsPage } from '../features/counselors/qualifications-page.tsx';
import { RelationshipsPage } from '../features/counselors/relationships-page.tsx';
import { VerifyPage } from '../features/auth/verify-page.tsx';
import { AppointmentsPage } from '../features/scheduling/appointments-page.tsx';
import { AvailabilityPage } from '../features/scheduling/availability-page.tsx';
import { BookingPage } from '../features/scheduling/booking-page.tsx';
import { ReceiptPage } from '../features/scheduling/receipt-page.tsx';
import { AdminSchedulePage, SchedulePage } from '../features/scheduling/schedule-page.tsx';
import { SchedulingAdminPage } from '../features/scheduling/scheduling-admin-page.tsx';
import { RetentionAdminPage } from '../features/retention/retention-admin-page.tsx';
import { ChartPage } from '../features/records/chart-page.tsx';
import { RecordPage } from '../features/records/record-page.tsx';
import { MyAssessmentsPage } from '../features/assessments/my-assessments-page.tsx';
import { QuestionnairePage } from '../features/assessments/questionnaire-page.tsx';
import { AppointmentNotePage } from '../features/sessions/appointment-note-page.tsx';
import { ConductReportsPage } from '../features/sessions/conduct-reports-page.tsx';
import { AppointmentSessionPage, RoomPage } from '../features/sessions/room-page.tsx';
import { ClinicalSettingsPage } from '../features/clinical-settings/clinical-settings-page.tsx';
import { ReferralResourcesPage } from '../features/care-plans/admin-referral-resources-page.tsx';
import { HelpPage } from '../features/help/help-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { ErrorPage, ErrorScreen } from './error-page.tsx';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';

/**
 * Page errors render inside the layout (the pathless child's errorElement), so the crisis line
 * in the footer stays on screen; only a broken layout falls back to the bare error screen.
 * Who may open which path is decided in one place, `route-guard.ts`, applied by the layout.
 */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <ErrorScreen />,
    children: [
      {
        errorElement: <ErrorPage />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'help', element: <HelpPage /> },
          { path: 'sign-up', element: <SignUpPage /> },
          { path: 'verify', element: <VerifyPage /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'mfa', element: <MfaChallengePage /> },
          { path: 'mfa/setup', element: <MfaSetupPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'invite', element: <InvitePage /> },
          { path: 'setup', element: <SetupPage /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'account/sessions', element: <SessionsPage /> },
          { path: 'admin/users', element: <UsersPage /> },
          { path: 'admin/users/:id', element: <UserDetailPage /> },
          { path: 'admin/invitations', element: <InvitationsPage /> },
          { path: 'admin/audit', element: <AuditPage /> },
          { path: 'admin/outbox', element: <OutboxPage /> },
          { path: 'counselors', element: <DirectoryPage /> },
          { path: 'counselors/:id', element: <DirectoryDetailPage /> },
          { path: 'counselors/:id/book', element: <BookingPage /> },
          { path: 'appointments', element: <AppointmentsPage /> },
          { path: 'appointments/:id/receipt', element: <ReceiptPage /> },
          { path: 'appointments/:id/session', element: <AppointmentSessionPage /> },
          { path: 'appointments/:id/note', element: <AppointmentNotePage /> },
          { path: 'rooms/:roomId', element: <RoomPage /> },
          { path: 'clients/:clientId/chart', element: <ChartPage /> },
          { path: 'records/:recordId', element: <RecordPage /> },
          { path: 'me/assessments', element: <MyAssessmentsPage /> },
          { path: 'me/assessments/:id', element: <QuestionnairePage /> },
          { path: 'consent', element: <ConsentSignPage /> },
          { path: 'consent/mine', element: <MyConsentsPage /> },
          { path: 'guardian/consents', element: <MyConsentsPage /> },
          { path: 'admin/policy-documents', element: <PolicyDocumentsPage /> },
          { path: 'schedule', element: <SchedulePage /> },
          { path: 'counselor/availability', element: <AvailabilityPage /> },
          { path: 'admin/schedule', element: <AdminSchedulePage /> },
          { path: 'admin/scheduling', element: <SchedulingAdminPage /> },
          { path: 'admin/retention', element: <RetentionAdminPage /> },
          { path: 'admin/counseling-settings', element: <ClinicalSettingsPage /> },
          { path: 'admin/referral-resources', element: <ReferralResourcesPage /> },
          { path: 'admin/conduct-reports', element: <ConductReportsPage /> },
          { path: 'counselor/profile', element: <CounselorProfilePage /> },
          { path: 'counselor/qualifications', element: <QualificationsPage /> },
          { path: 'counselor/relationships', element: <RelationshipsPage /> },
          { path: 'counselor/development', element: <DevelopmentPage /> },
          { path: 'admin/counselors', element: <AdminCounselorsPage /> },
          { path: 'admin/counselors/development', element: <AdminShortfallPage /> },
          { path: 'admin/counselors/:id', element: <AdminCounselorPage /> },
          { path: 'admin/vocabularies', element: <AdminVocabulariesPage /> },
          { path: 'admin/settings', element: <AdminSettingsPage /> },
          { path: 'admin/breach', element: <BreachListPage /> },
          { path: 'admin/breach/:id', element: <BreachDetailPage /> },
          { path: 'privacy', element: <MyPrivacyPage /> },
          { path: 'admin/privacy-requests', element: <PrivacyQueuePage /> },
          { path: 'admin/privacy-requests/calendar', element: <WorkingDaysPage /> },
          { path: 'admin/privacy-requests/:id', element: <PrivacyRequestPage /> },
          { path: 'admin/disclosures', element: <DisclosuresAdminPage /> },
          { path: 'counselor/disclosures', element: <CounselorDisclosuresPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
