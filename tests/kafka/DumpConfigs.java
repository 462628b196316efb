// Kafka's own ConfigDefs, one TSV line per key, for checking the
// catalogue against the Kafka jars the live tests run (4.1):
//   dialect  name  type  default  valid-values
// dialect is broker, topic, producer or consumer; default is "null" when
// the key has none, lists are comma-joined, a PASSWORD default is printed
// as [hidden]; valid-values are filled in for ValidString and
// CaseInsensitiveValidString validators only.  Internal keys are left
// out unless --internal is given.  Run by "cluster.sh dump-configs".
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.storage.internals.log.LogConfig;

public final class DumpConfigs {
    public static void main(String[] args) {
        boolean internal = args.length > 0 && args[0].equals("--internal");
        StringBuilder out = new StringBuilder();
        dump(out, "broker", kafka.server.KafkaConfig.configDef(), internal);
        dump(out, "topic", LogConfig.configDefCopy(), internal);
        dump(out, "producer", ProducerConfig.configDef(), internal);
        dump(out, "consumer", ConsumerConfig.configDef(), internal);
        System.out.print(out);
    }

    private static void dump(StringBuilder out, String dialect, ConfigDef def,
                             boolean internal) {
        for (Map.Entry<String, ConfigDef.ConfigKey> e :
                 new java.util.TreeMap<>(def.configKeys()).entrySet()) {
            ConfigDef.ConfigKey k = e.getValue();
            if (k.internalConfig && !internal)
                continue;
            out.append(dialect).append('\t').append(k.name).append('\t')
               .append(k.type.name()).append('\t')
               .append(clean(value(k))).append('\t')
               .append(clean(valid(k.validator))).append('\n');
        }
    }

    private static String value(ConfigDef.ConfigKey k) {
        Object v = k.defaultValue;
        if (!k.hasDefault() || v == null)
            return "null";
        if (v instanceof Password)
            return "[hidden]";
        if (v instanceof Class)
            return ((Class<?>) v).getName();
        if (v instanceof List) {
            List<String> parts = new ArrayList<>();
            for (Object o : (List<?>) v)
                parts.add(o instanceof Class ? ((Class<?>) o).getName()
                                             : String.valueOf(o));
            return String.join(",", parts);
        }
        return String.valueOf(v);
    }

    private static String valid(ConfigDef.Validator v) {
        if (!(v instanceof ConfigDef.ValidString
              || v instanceof ConfigDef.CaseInsensitiveValidString))
            return "";
        try {
            Field f = v.getClass().getDeclaredField("validStrings");
            f.setAccessible(true);
            Collection<?> c = (Collection<?>) f.get(v);
            List<String> vals = new ArrayList<>();
            for (Object o : c instanceof Set ? new TreeSet<Object>(c) : c)
                vals.add(String.valueOf(o));
            return String.join(",", vals);
        } catch (ReflectiveOperationException | RuntimeException ex) {
            String s = v.toString();           // "[a, b]"
            s = s.substring(s.indexOf('[') + 1, s.lastIndexOf(']'));
            return s.replace(", ", ",");
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}
