"""The in-process store of `pywebio.shared`: the default, with no dependency and no setting.

Everything lives in this process's memory, under one lock, so the sessions of one process meet
and those of other processes do not (`pywebio.shared.check_store` refuses it in a server of
several processes). Messages and values are kept as the JSON text the API made of them, as the
Redis store keeps them, so that both stores behave alike: what a subscriber gets is a copy, never
the publisher's object.
"""
import threading
from collections import OrderedDict, deque
from typing import Callable, Deque, Dict, List, Optional, Set

from .delivery import Subscriber

#: How many channels the store keeps at most. Past it, the channel used least recently that has
#: no subscriber is forgotten, with its history: rooms named after visitors' input come and go.
MAX_CHANNELS = 10_000

#: How many keys the store keeps at most; `set` and `update` of a new key past it raise
#: `ValueError` (values are an app's state: losing one quietly would be worse).
MAX_KEYS = 10_000


class _Channel:
    __slots__ = ('history', 'subscribers')

    def __init__(self) -> None:
        self.history: Deque[str] = deque(maxlen=0)
        self.subscribers: List[Subscriber] = []


class MemoryStore:
    """Channels and values of one process. Thread-safe; every method returns at once."""

    kind = 'memory'

    def __init__(self) -> None:
        # reentrant: an update's function may publish, or read another value, as it can with Redis
        self._lock = threading.RLock()
        self._channels: 'OrderedDict[str, _Channel]' = OrderedDict()
        self._values: Dict[str, str] = {}
        self._listeners: Set[Callable[[str], None]] = set()

    # -- channels -----------------------------------------------------------------------

    def publish(self, name: str, payload: str, history: int) -> None:
        with self._lock:
            channel = self._channel(name)
            if channel.history.maxlen != history:
                channel.history = deque(channel.history, maxlen=history)
            channel.history.append(payload)
            # delivered under the lock: every subscriber sees the messages of a channel in the
            # one order they were published, whichever threads publish them
            for subscriber in channel.subscribers:
                subscriber.deliver(payload)

    def history(self, name: str, count: int) -> List[str]:
        with self._lock:
            channel = self._channels.get(name)
            return list(channel.history)[-count:] if channel is not None and count > 0 else []

    def subscribe(self, name: str, subscriber: Subscriber, history: int) -> None:
        with self._lock:
            channel = self._channel(name)
            if history > 0:
                for payload in list(channel.history)[-history:]:
                    subscriber.deliver(payload)
            channel.subscribers.append(subscriber)

    def unsubscribe(self, name: str, subscriber: Subscriber) -> None:
        with self._lock:
            channel = self._channels.get(name)
            if channel is not None and subscriber in channel.subscribers:
                channel.subscribers.remove(subscriber)
                if not channel.subscribers and not channel.history:
                    del self._channels[name]

    def _channel(self, name: str) -> _Channel:
        channel = self._channels.get(name)
        if channel is None:
            if len(self._channels) >= MAX_CHANNELS:
                self._forget_an_idle_channel()
            channel = self._channels[name] = _Channel()
        else:
            self._channels.move_to_end(name)
        return channel

    def _forget_an_idle_channel(self) -> None:
        for name, channel in self._channels.items():
            if not channel.subscribers:
                del self._channels[name]
                return
        raise ValueError('pywebio.shared: %d channels have subscribers, the most one process keeps '
                         '(pywebio.shared.memory.MAX_CHANNELS)' % len(self._channels))

    # -- broadcast ----------------------------------------------------------------------

    def broadcast(self, payload: str) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(payload)

    def listen_broadcasts(self, listener: Callable[[str], None]) -> None:
        with self._lock:
            self._listeners.add(listener)

    # -- values -------------------------------------------------------------------------

    def get(self, key: str) -> Optional[str]:
        with self._lock:
            return self._values.get(key)

    def set(self, key: str, payload: str) -> None:
        with self._lock:
            self._check_room(key)
            self._values[key] = payload

    def update(self, key: str, change: Callable[[Optional[str]], str]) -> str:
        with self._lock:
            self._check_room(key)
            payload = self._values[key] = change(self._values.get(key))
            return payload

    def delete(self, key: str) -> None:
        with self._lock:
            self._values.pop(key, None)

    def _check_room(self, key: str) -> None:
        if key not in self._values and len(self._values) >= MAX_KEYS:
            raise ValueError('pywebio.shared: %d keys are set, the most one process keeps '
                             '(pywebio.shared.memory.MAX_KEYS); delete() those no longer needed'
                             % len(self._values))

    def close(self) -> None:
        pass
