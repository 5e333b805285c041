from django.contrib.auth import views as auth_views
from django.urls import path

from frontend.views import customer, finance, home, jobs, leads, network, public, sales, service

urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/login/", home.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # public pages: their addresses go out in emails and sit on the brand's website
    path("enquire/", public.enquire, name="enquire"),
    path("enquire/thanks/<str:reference>/", public.enquiry_thanks, name="enquiry-thanks"),
    path("track/<str:token>/", public.track, name="public-track"),
    path("quote/<str:token>/", public.quote_link, name="public-quote"),
    # network
    path("network/dealers/", network.DealerListView.as_view(), name="dealer-list"),
    path("network/dealers/<int:pk>/", network.DealerDetailView.as_view(), name="dealer-detail"),
    path("network/dealers/<int:pk>/edit/", network.dealer_edit, name="dealer-edit"),
    path("network/dealers/<int:pk>/staff/add/", network.member_add, name="dealer-member-add"),
    # leads
    path("leads/", leads.LeadListView.as_view(), name="lead-list"),
    path("leads/route/", leads.route, name="lead-route"),
    path("leads/simulate/", leads.simulate, name="lead-simulate"),
    path("leads/<int:pk>/", leads.lead_detail, name="lead-detail"),
    path("leads/<int:pk>/accept/", leads.accept, name="lead-accept"),
    path("leads/<int:pk>/reject/", leads.reject, name="lead-reject"),
    path("leads/<int:pk>/contact/", leads.contact, name="lead-contact"),
    path("leads/<int:pk>/lose/", leads.lose, name="lead-lose"),
    path("leads/<int:pk>/delegate/", leads.delegate, name="lead-delegate"),
    path("leads/<int:pk>/assign/", leads.assign, name="lead-assign"),
    path("leads/<int:pk>/disqualify/", leads.disqualify, name="lead-disqualify"),
    path("jobs/<int:pk>/", jobs.job_progress, name="job-progress"),
    # sales
    path("customers/", sales.CustomerListView.as_view(), name="customer-list"),
    path("customers/new/", sales.customer_new, name="customer-new"),
    path("customers/<int:pk>/", sales.customer_detail, name="customer-detail"),
    path("quotes/", sales.QuoteListView.as_view(), name="quote-list"),
    path("quotes/new/", sales.quote_new, name="quote-new"),
    path("quotes/preview/", sales.quote_preview, name="quote-preview"),
    path("quotes/<int:pk>/", sales.quote_detail, name="quote-detail"),
    path("quotes/<int:pk>/pdf/", sales.quote_pdf_view, name="quote-pdf"),
    path("quotes/<int:pk>/<str:action>/", sales.quote_action, name="quote-action"),
    path("orders/", sales.OrderListView.as_view(), name="order-list"),
    path("orders/<int:pk>/", sales.order_detail, name="order-detail"),
    path("orders/<int:pk>/<str:action>/", sales.order_action, name="order-action"),
    path("stock/", sales.StockListView.as_view(), name="stock-list"),
    # service
    path("units/", service.UnitSearchView.as_view(), name="unit-search"),
    path("units/<int:pk>/", service.unit_detail, name="unit-detail"),
    path("units/<int:unit_pk>/repair/", service.repair_new, name="repair-new"),
    path("units/<int:unit_pk>/service-request/", customer.service_request_new, name="service-request-new"),
    path("repairs/<int:pk>/", service.repair_detail, name="repair-detail"),
    path("repairs/<int:pk>/lines/", service.repair_add_line, name="repair-line"),
    path("repairs/<int:pk>/claim/", service.claim_file, name="claim-file"),
    path("repairs/<int:pk>/<str:to_status>/", service.repair_advance, name="repair-advance"),
    path("claims/", service.ClaimListView.as_view(), name="claim-list"),
    path("claims/<int:pk>/", service.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/<str:decision>/", service.claim_decide, name="claim-decide"),
    path("service-requests/", service.ServiceRequestListView.as_view(), name="request-list"),
    # finance and performance
    path("settlements/", finance.StatementListView.as_view(), name="statement-list"),
    path("settlements/run/", finance.run, name="settlement-run"),
    path("settlements/statements/<int:pk>/", finance.statement_detail, name="statement-detail"),
    path("settlements/statements/<int:pk>/export.csv", finance.statement_export, name="statement-export"),
    path("settlements/statements/<int:pk>/<str:action>/", finance.statement_action, name="statement-action"),
    path("performance/", finance.rankings, name="performance"),
    path("performance/scorecard/", finance.scorecard, name="scorecard"),
]
