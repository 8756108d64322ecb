from bot.tg.ratelimit import RateLimiter


def test_eleventh_question_in_a_minute_is_refused_and_others_are_unaffected() -> None:
    limiter = RateLimiter(limit=10, window=60)
    assert all(limiter.allow(1, now=float(i)) for i in range(10))
    assert not limiter.allow(1, now=30.0)
    assert limiter.allow(2, now=30.0)  # another delegate
    assert limiter.allow(1, now=60.5)  # the first question left the window
