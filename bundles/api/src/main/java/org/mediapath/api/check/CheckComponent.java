package org.mediapath.api.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Sets a check's service properties on a DS component in one line:
 * {@code @CheckComponent(id = "quality", title = "Voice quality")}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CheckComponent {

	/** Prefix that maps the annotation's elements to the {@code mediapath.check.*} properties. */
	String PREFIX_ = "mediapath.check.";

	/** @return the check's unique id ({@link DiagnosticCheck#CHECK_ID}) */
	String id();

	/** @return the check's human title ({@link DiagnosticCheck#CHECK_TITLE}) */
	String title();
}
