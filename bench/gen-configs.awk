# Writes N realistic Kafka config files under DIR: a quarter each of
# brokers, Java producers, Java consumers and librdkafka clients, with
# settings drawn from what real deployments use (safe and unsafe), plus
# comments, a duplicate now and then and the odd misspelling.
# usage: awk -v n=10000 -v dir=/tmp/x -f gen-configs.awk
function pick(list,    a, k) { k = split(list, a, "|"); return a[int(rand() * k) + 1] }
function header(f, what) {
	print "# " what " configuration, generated for kafka-audit's benchmark" > f
	print "# Owner: platform team; reviewed " pick("2024-01-10|2025-06-02|2026-03-15") > f
	print "" > f
}
function broker(f, i) {
	header(f, "Broker")
	print "process.roles=broker,controller" > f
	print "node.id=" i > f
	print "controller.quorum.voters=1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093" > f
	print "listeners=PLAINTEXT://:9092,CONTROLLER://:9093" > f
	print "advertised.listeners=PLAINTEXT://kafka-" i ".internal:9092" > f
	print "controller.listener.names=CONTROLLER" > f
	print "inter.broker.listener.name=PLAINTEXT" > f
	print "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT" > f
	print "num.network.threads=" pick("3|8|16") > f
	print "num.io.threads=" pick("8|16|32") > f
	print "socket.send.buffer.bytes=102400" > f
	print "socket.receive.buffer.bytes=102400" > f
	print "socket.request.max.bytes=104857600" > f
	print "log.dirs=" pick("/var/lib/kafka/data|/data/kafka-1,/data/kafka-2|/tmp/kraft-combined-logs") > f
	print "num.partitions=" pick("1|3|6|12") > f
	print "num.recovery.threads.per.data.dir=1" > f
	print "default.replication.factor=" pick("1|2|3|3|3") > f
	print "min.insync.replicas=" pick("1|2|2|2") > f
	print "offsets.topic.replication.factor=" pick("1|3|3") > f
	print "transaction.state.log.replication.factor=" pick("1|3|3") > f
	print "transaction.state.log.min.isr=" pick("1|2|2") > f
	print "unclean.leader.election.enable=" pick("false|false|false|true") > f
	print "auto.create.topics.enable=" pick("true|false") > f
	print "log.retention.hours=" pick("24|168|720") > f
	print "log.segment.bytes=1073741824" > f
	print "log.retention.check.interval.ms=300000" > f
	print "message.max.bytes=" pick("1048588|2097152|10485760") > f
	print "replica.fetch.max.bytes=" pick("1048576|10485760") > f
	print "group.initial.rebalance.delay.ms=" pick("0|3000") > f
	if (rand() < 0.05) print "min.insync.replica=2" > f
	if (rand() < 0.05) print "default.replication.factor=3" > f
}
function producer(f) {
	header(f, "Producer")
	print "bootstrap.servers=kafka-1:9092,kafka-2:9092,kafka-3:9092" > f
	print "client.id=orders-" int(rand() * 1000) > f
	print "key.serializer=org.apache.kafka.common.serialization.StringSerializer" > f
	print "value.serializer=io.confluent.kafka.serializers.KafkaAvroSerializer" > f
	print "schema.registry.url=http://schema-registry:8081" > f
	print "acks=" pick("all|all|-1|1|0") > f
	print "retries=" pick("2147483647|10|0") > f
	print "enable.idempotence=" pick("true|true|false") > f
	print "max.in.flight.requests.per.connection=" pick("1|5|5|10") > f
	print "linger.ms=" pick("0|5|20|100") > f
	print "batch.size=" pick("16384|65536|131072") > f
	print "compression.type=" pick("none|lz4|zstd|snappy") > f
	print "delivery.timeout.ms=" pick("120000|300000|30000") > f
	print "request.timeout.ms=30000" > f
	print "buffer.memory=33554432" > f
	if (rand() < 0.05) print "acks=all # safest" > f
}
function consumer(f) {
	header(f, "Consumer")
	print "bootstrap.servers=kafka-1:9092,kafka-2:9092,kafka-3:9092" > f
	print "group.id=billing-" int(rand() * 100) > f
	print "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer" > f
	print "value.deserializer=org.apache.kafka.common.serialization.StringDeserializer" > f
	print "enable.auto.commit=" pick("false|false|true") > f
	print "auto.offset.reset=" pick("earliest|earliest|latest") > f
	print "isolation.level=" pick("read_committed|read_uncommitted") > f
	print "max.poll.records=" pick("100|500|1000") > f
	print "max.poll.interval.ms=300000" > f
	print "session.timeout.ms=" pick("10000|45000") > f
	print "fetch.min.bytes=1" > f
	if (rand() < 0.05) print "enable_auto_commit=false" > f
}
function librdkafka(f) {
	header(f, "librdkafka producer")
	print "bootstrap.servers=kafka-1:9092,kafka-2:9092" > f
	print "client.id=edge-" int(rand() * 1000) > f
	print "request.required.acks=" pick("-1|1|all") > f
	print "message.send.max.retries=" pick("2147483647|3|0") > f
	print "queue.buffering.max.ms=" pick("5|50|0.5") > f
	print "queue.buffering.max.messages=" pick("100000|10000|1000000") > f
	print "enable.idempotence=" pick("true|false") > f
	print "socket.keepalive.enable=true" > f
	print "message.timeout.ms=" pick("300000|60000") > f
	print "compression.codec=" pick("lz4|none|zstd") > f
}
BEGIN {
	srand(42)
	for (i = 0; i < n; i++) {
		kind = i % 4
		sub_ = sprintf("%s/%03d", dir, int(i / 100))
		if (i % 100 == 0) system("mkdir -p " sub_)
		if (kind == 0) { f = sub_ "/broker-" i "/server.properties"; system("mkdir -p " sub_ "/broker-" i); broker(f, i) }
		else if (kind == 1) { f = sub_ "/orders-producer-" i ".properties"; producer(f) }
		else if (kind == 2) { f = sub_ "/billing-consumer-" i ".properties"; consumer(f) }
		else { f = sub_ "/edge-producer-" i ".properties"; librdkafka(f) }
		close(f)
	}
}
