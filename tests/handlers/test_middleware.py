"""The delegate is registered before any handler runs (TypeHandler, group -1)."""

import pytest

from bot.services import Services
from tests.handlers.conftest import run, running
from tests.handlers.test_organisers import ORGANISER, organiser


@pytest.fixture
def org_settings(bot_settings):
    return bot_settings.updated(organiser_ids=frozenset({ORGANISER}))


@pytest.fixture
def org_services(org_settings, e5) -> Services:
    services = Services(org_settings)
    assert services.ingest().ok
    return services


def test_any_private_message_registers_the_delegate(org_settings, org_services, fake_api) -> None:
    delegate = 77

    async def scenario():
        async with running(org_settings, org_services):
            assert org_services.storage.delegates.delegate(delegate) is None
            fake_api.send(
                delegate, "/agenda", user=fake_api.user(delegate, lang="fr", name="Amina")
            )
            await fake_api.expect("sendMessage", chat_id=delegate)
            registered = org_services.storage.delegates.delegate(delegate)
            assert registered is not None and registered.name == "Amina"

            # An organiser drafting an announcement is no recipient of it...
            fake_api.send(ORGANISER, "/announce", user=organiser(fake_api))
            await fake_api.expect("sendMessage", chat_id=ORGANISER)
            assert org_services.storage.delegates.delegate(ORGANISER) is None
            fake_api.send(ORGANISER, "/cancel", user=organiser(fake_api))
            await fake_api.expect("sendMessage", chat_id=ORGANISER, count=2)
            # ...until they start the bot as a delegate.
            fake_api.send(ORGANISER, "/start", user=organiser(fake_api))
            await fake_api.expect("sendMessage", chat_id=ORGANISER, count=3)
            assert org_services.storage.delegates.delegate(ORGANISER) is not None

    run(scenario())


def test_group_messages_register_nobody(org_settings, org_services, fake_api) -> None:
    async def scenario():
        async with running(org_settings, org_services):
            fake_api.send(-42, "/help", user=fake_api.user(78), chat_type="group")
            await fake_api.expect("sendMessage", chat_id=-42)
            assert org_services.storage.delegates.delegate(-42) is None
            assert org_services.storage.delegates.delegate(78) is None

    run(scenario())
