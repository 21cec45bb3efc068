"""data/topics.yaml → TopicIndex."""

from __future__ import annotations

from ietfplan.load.yamlsrc import Reader, read_text
from ietfplan.model import Topic, TopicIndex

TOPIC_FIELDS = ("key", "title", "aliases", "groups", "keywords", "description")


def load_topics(path: str) -> TopicIndex:
    return parse_topics(read_text(path), path)


def parse_topics(text: str, path: str) -> TopicIndex:
    reader = Reader(path)
    root, top = reader.document(
        text, "the topics file", ("topics",),
        "the topics file is empty; it needs 'topics:' with a list of topics")
    if "topics" not in top:
        reader.error(root, "missing 'topics:' list")
        reader.raise_if_problems()
    topics: list[Topic] = []
    names: dict[str, int] = {}
    for node in reader.sequence(top["topics"][1], "'topics'"):
        fields = reader.mapping(node, "a topic", TOPIC_FIELDS)
        if fields is None:
            continue
        if "key" not in fields or "title" not in fields:
            reader.error(node, "a topic needs 'key' and 'title'")
            continue
        key = (reader.text(fields["key"][1], "key") or "").strip().lower()
        title = reader.text(fields["title"][1], "title") or ""
        lists: dict[str, tuple[str, ...]] = {}
        for name in ("aliases", "groups", "keywords"):
            items = reader.text_list(fields[name][1], name) if name in fields else []
            lists[name] = tuple(v.strip().lower() if name != "keywords" else v.strip() for v, _ in items)
        for alias_node_name in (key, *lists["aliases"]):
            if alias_node_name in names:
                reader.error(node, f"topic name '{alias_node_name}' is used twice")
            names[alias_node_name] = 1
        description = ""
        if "description" in fields:
            description = reader.text(fields["description"][1], "description", allow_empty=True) or ""
        topics.append(Topic(key, title, lists["aliases"], lists["groups"], lists["keywords"], description))
    reader.raise_if_problems()
    return TopicIndex.build(topics)
