"""Signing in and out through the pages, as a person does."""

DEMO_PASSWORD = "demo-password"


def sign_in(page, server: str, email: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Your roadmaps").wait_for()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
