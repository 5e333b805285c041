from django.contrib.auth import views as auth_views
from django.urls import path

from frontend.views import home, network, public

urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/login/", home.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("track/<str:token>/", public.track, name="public-track"),
    path("quote/<str:token>/", public.quote_link, name="public-quote"),
    path("network/dealers/", network.DealerListView.as_view(), name="dealer-list"),
    path("network/dealers/<int:pk>/", network.DealerDetailView.as_view(), name="dealer-detail"),
    path("network/dealers/<int:pk>/edit/", network.dealer_edit, name="dealer-edit"),
    path("network/dealers/<int:pk>/staff/add/", network.member_add, name="dealer-member-add"),
]
