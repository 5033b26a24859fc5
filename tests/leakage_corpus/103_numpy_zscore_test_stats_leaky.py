# expect: TFL103
import numpy as np
from sklearn.model_selection import train_test_split
X = np.load('x.npy'); y = np.load('y.npy')
x_train, x_test, y_train, y_test = train_test_split(X, y)
x_train = (x_train - x_train.mean(axis=0)) / x_train.std(axis=0)
x_test = (x_test - x_test.mean(axis=0)) / x_test.std(axis=0)
