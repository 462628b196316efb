/*
 * Dumps the ConfigDefs of one Apache Kafka release: the broker
 * (KafkaConfig), the topic level (LogConfig), the producer and the consumer.
 * It uses nothing but reflection, so one compiled copy reads every release
 * from 0.9 to 4.x; gen.sh runs it with the classpath that pom.xml resolves.
 *
 * Output: one line per key, tab-separated, with \t, \n and \\ escaped and
 * \N for null:
 *
 *   dialect name type default internal nocase values min max validator
 *
 * where values is the comma-separated list of a ValidString,
 * CaseInsensitiveValidString or ValidList validator, nocase is 1 for
 * CaseInsensitiveValidString, min and max come from a Range validator,
 * and validator is the validator's class and toString() for whoever
 * reads the dump.
 */

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class Dump {
	static Class<?> configDefClass;
	static Object noDefault;

	public static void main(String[] args) throws Exception {
		configDefClass = Class.forName(
		    "org.apache.kafka.common.config.ConfigDef");
		Field nd = configDefClass.getDeclaredField("NO_DEFAULT_VALUE");
		nd.setAccessible(true);
		noDefault = nd.get(null);

		dump("broker", find(new String[] {
		    "org.apache.kafka.server.config.AbstractKafkaConfig",
		    "kafka.server.KafkaConfig" }));
		dump("topic", find(new String[] {
		    "org.apache.kafka.storage.internals.log.LogConfig",
		    "kafka.log.LogConfig" }));
		dump("producer", find(new String[] {
		    "org.apache.kafka.clients.producer.ProducerConfig" }));
		dump("consumer", find(new String[] {
		    "org.apache.kafka.clients.consumer.ConsumerConfig" }));
	}

	/*
	 * The ConfigDef held by the first of these classes that exists: a
	 * static field or no-argument method of type ConfigDef (Java classes,
	 * Scala static forwarders), else a field of the Scala object (the
	 * class name with '$', its MODULE$), preferring the conventional
	 * names when a class holds several.
	 */
	static Object find(String[] names) throws Exception {
		for (String n : names) {
			Class<?> c;
			try {
				c = Class.forName(n);
			} catch (ClassNotFoundException e) {
				continue;
			}
			Object d = fromClass(c, null);
			if (d != null)
				return d;
			try {
				Class<?> m = Class.forName(n + "$");
				Field mod = m.getDeclaredField("MODULE$");
				d = fromClass(m, mod.get(null));
				if (d != null)
					return d;
			} catch (ClassNotFoundException e) {
				/* A Java class: no Scala object. */
			}
		}
		throw new IllegalStateException("no ConfigDef in "
		    + String.join(", ", names));
	}

	static final String[] PREFERRED = { "CONFIG_DEF", "CONFIG", "configDef" };

	static Object fromClass(Class<?> c, Object inst) throws Exception {
		List<Field> fields = new ArrayList<>();
		for (Field f : c.getDeclaredFields()) {
			boolean st = Modifier.isStatic(f.getModifiers());
			if (configDefClass.isAssignableFrom(f.getType()) &&
			    (inst == null) == st)
				fields.add(f);
		}
		for (String p : PREFERRED)
			for (Field f : fields)
				if (f.getName().equals(p)) {
					f.setAccessible(true);
					return f.get(inst);
				}
		for (String p : PREFERRED) {
			try {
				Method m = c.getDeclaredMethod(p);
				if (configDefClass.isAssignableFrom(
				    m.getReturnType()) &&
				    (inst == null) ==
				    Modifier.isStatic(m.getModifiers())) {
					m.setAccessible(true);
					return m.invoke(inst);
				}
			} catch (NoSuchMethodException e) {
				/* Try the next name. */
			}
		}
		if (fields.size() == 1) {
			fields.get(0).setAccessible(true);
			return fields.get(0).get(inst);
		}
		return null;
	}

	static Object get(Object o, String field) throws Exception {
		for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
			try {
				Field f = c.getDeclaredField(field);
				f.setAccessible(true);
				return f.get(o);
			} catch (NoSuchFieldException e) {
				/* Look in the superclass. */
			}
		}
		return null;
	}

	static void dump(String dialect, Object def) throws Exception {
		@SuppressWarnings("unchecked")
		Map<String, Object> keys = (Map<String, Object>)get(def,
		    "configKeys");
		for (Map.Entry<String, Object> e :
		    new TreeMap<>(keys).entrySet()) {
			Object k = e.getValue();
			Object dflt = get(k, "defaultValue");
			Object internal = get(k, "internalConfig");
			Object v = get(k, "validator");
			Info info = new Info();
			validator(v, info);
			StringBuilder b = new StringBuilder();
			b.append(dialect).append('\t');
			b.append(esc(e.getKey())).append('\t');
			b.append(get(k, "type")).append('\t');
			b.append(dflt == noDefault ? "\\N" : esc(str(dflt)));
			b.append('\t');
			b.append(Boolean.TRUE.equals(internal) ? "1" : "0");
			b.append('\t').append(info.nocase ? "1" : "0");
			b.append('\t').append(info.values == null ? "\\N" :
			    esc(String.join(",", info.values)));
			b.append('\t').append(esc(str(info.min)));
			b.append('\t').append(esc(str(info.max)));
			b.append('\t').append(v == null ? "\\N" :
			    esc(v.getClass().getName() + " " + v));
			System.out.println(b);
		}
	}

	static class Info {
		List<String> values;
		boolean nocase;
		Object min, max;
	}

	/* Collect what the validators say, through composites and lists. */
	static void validator(Object v, Info info) throws Exception {
		if (v == null)
			return;
		String n = v.getClass().getName();
		if (n.endsWith("$ValidString") ||
		    n.endsWith("$CaseInsensitiveValidString")) {
			Object s = get(v, "validStrings");
			info.values = new ArrayList<>();
			for (Object o : (Collection<?>)s)
				info.values.add(String.valueOf(o));
			info.nocase = n.endsWith("Insensitive" +
			    "ValidString");
		} else if (n.endsWith("$ValidList")) {
			validator(get(v, "validString"), info);
		} else if (n.endsWith("$Range")) {
			info.min = get(v, "min");
			info.max = get(v, "max");
		} else if (n.endsWith("$CompositeValidator")) {
			for (Object o : (Collection<?>)get(v, "validators"))
				validator(o, info);
		}
	}

	/* The canonical text of a parsed default. */
	static String str(Object o) {
		if (o == null)
			return null;
		if (o instanceof Class)
			return ((Class<?>)o).getName();
		if (o instanceof List) {
			List<String> l = new ArrayList<>();
			for (Object x : (List<?>)o)
				l.add(str(x));
			return String.join(",", l);
		}
		if (o.getClass().getName().endsWith(".Password")) {
			try {
				return str(o.getClass().getMethod("value")
				    .invoke(o));
			} catch (ReflectiveOperationException e) {
				throw new IllegalStateException(e);
			}
		}
		return String.valueOf(o);
	}

	static String esc(String s) {
		if (s == null)
			return "\\N";
		return s.replace("\\", "\\\\").replace("\t", "\\t")
		    .replace("\n", "\\n");
	}
}
