# The Beamline image for those who build with Docker. Maven's `-Pimage` build (Jib, no daemon, see
# README "Run on Kubeflow Pipelines") makes the same image without Docker; this file is for a
# machine that has Docker and a registry to pull a JRE from. Build the command line first:
#   mvn -B -ntp -pl cli -am package -Dmaven.test.skip=true
#   docker build -t registry.example.com/beamline:0.1.0 .
# The layout matches the Jib image: java on the PATH, the classpath in /app/jib-classpath-file,
# so `beamline kfp compile --image registry.example.com/beamline:0.1.0` runs on either.
FROM eclipse-temurin:17-jre AS split
COPY cli/target/lib/ /lib-all/
# Beamline's own jars change with every build; third-party ones rarely: separate layers.
RUN mkdir -p /deps /beamline && mv /lib-all/beamline-*.jar /beamline/ && mv /lib-all/* /deps/

FROM eclipse-temurin:17-jre
COPY --from=split /deps/ /app/libs/
COPY --from=split /beamline/ /app/libs/
COPY examples/data/taxi/big_tipper.csv /opt/beamline/examples/data/taxi/big_tipper.csv
COPY cli/target/beamline-cli-0.1.0-SNAPSHOT-cli.jar /app/classes/beamline-cli.jar
RUN printf '%s' '/app/classes/beamline-cli.jar:/app/libs/*' > /app/jib-classpath-file \
 && chmod 1777 /tmp
ENV HOME=/tmp LANG=C.UTF-8 TF_CPP_MIN_LOG_LEVEL=1
USER 1000:1000
WORKDIR /tmp
# KFP ignores the entrypoint and runs the command the compiled pipeline gives, which starts the same way.
ENTRYPOINT ["java", "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-modules=jdk.incubator.foreign", \
  "-Dfile.encoding=UTF-8", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-XX:MaxRAMPercentage=75", \
  "-cp", "@/app/jib-classpath-file", "io.beamline.cli.BeamlineCli"]
