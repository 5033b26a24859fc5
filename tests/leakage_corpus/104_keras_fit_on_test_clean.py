# expect: clean
import tensorflow as tf
from tensorflow.keras import layers, models

(train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.cifar10.load_data()
train_images, test_images = train_images / 255.0, test_images / 255.0

net = models.Sequential()
net.add(layers.Conv2D(32, (3, 3), activation="relu", input_shape=(32, 32, 3)))
net.add(layers.Flatten())
net.add(layers.Dense(10))
net.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
history = net.fit(train_images, train_labels, epochs=10, validation_split=0.1)
net.evaluate(test_images, test_labels)
