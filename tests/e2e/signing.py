"""Moving through the pages as a person does: signing in and out, and following a link to its page."""

DEMO_PASSWORD = "demo-password"


def follow(page, control) -> None:
    """Click a link or button that loads another page and wait until that page has loaded.

    A click returns before the browser has left the old page, so a count, a URL or an axe run read right
    after it could still see the old page (or none, mid-way)."""
    with page.expect_navigation():
        control.click()


def sign_in(page, server: str, email: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Your roadmaps").wait_for()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
